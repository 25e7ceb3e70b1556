// Scanning a customer's pickup QR code with the phone's camera, where the browser
// can read QR codes itself (BarcodeDetector: Chrome on Android, among others).
// Elsewhere the button stays hidden and the merchant types the code: the page
// works the same without this script. The QR code holds the order's admin
// address with its code (orders.views._qr_svg): the same order fills the
// field, another order's code opens that order.
(() => {
  const box = document.querySelector("[data-pickup-code]");
  if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  const button = box.querySelector("[data-pickup-scan]");
  const status = box.querySelector("[data-pickup-scan-status]");
  const video = box.querySelector("[data-pickup-scan-video]");
  const input = box.querySelector("input[name=code]");
  button.hidden = false;

  const read = (text) => {
    try {
      const url = new URL(text, window.location.href);
      const code = url.searchParams.get("code");
      if (url.origin === window.location.origin && url.pathname !== window.location.pathname) {
        window.location.assign(url.href);
        return true;
      }
      if (code) {
        input.value = code.toUpperCase();
        return true;
      }
    } catch (error) {
      // Not an address: a code printed or read out as text.
    }
    if (/^[A-Za-z0-9]{4,8}$/.test(text)) {
      input.value = text.toUpperCase();
      return true;
    }
    return false;
  };

  button.addEventListener("click", async () => {
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" },
      });
    } catch (error) {
      status.hidden = false;
      status.textContent = button.dataset.refused || status.textContent;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    status.hidden = false;
    await video.play();
    const stop = () => {
      stream.getTracks().forEach((track) => track.stop());
      video.hidden = true;
      status.hidden = true;
    };
    const look = async () => {
      const found = await detector.detect(video).catch(() => []);
      if (found.length && read(found[0].rawValue)) {
        stop();
        input.focus();
        return;
      }
      window.requestAnimationFrame(look);
    };
    look();
  });
})();
