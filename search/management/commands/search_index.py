import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tqdm import tqdm

from search.engine import ENGINE_ERRORS
from search.indexing import (
    KINDS,
    index_check,
    index_rebuild,
    index_repair,
    pending_updates_apply,
    pending_updates_discard,
)


class Command(BaseCommand):
    help = (
        "Keep the search indices equal to the database: --rebuild (new index, "
        "atomic swap), --check (report drift), --repair (fix drift), --drain "
        "(apply updates that waited while the engine was down)."
    )

    def add_arguments(self, parser):
        actions = parser.add_mutually_exclusive_group(required=True)
        actions.add_argument("--rebuild", action="store_true")
        actions.add_argument("--check", action="store_true")
        actions.add_argument("--repair", action="store_true")
        actions.add_argument("--drain", action="store_true")
        parser.add_argument(
            "--only", choices=sorted(KINDS), help="One index instead of all of them."
        )

    def handle(self, *args, **options):
        nouns = [options["only"]] if options["only"] else list(KINDS)
        try:
            if options["rebuild"]:
                self._rebuild(nouns)
            elif options["drain"]:
                applied, pending = pending_updates_apply()
                self.stdout.write(
                    f"Search updates: {applied} applied, {pending} still pending"
                )
            else:
                self._check(nouns, repair=options["repair"])
        except ENGINE_ERRORS as error:
            raise CommandError(
                f"The search engine did not answer ({error}). Start it, then run "
                "this command again: nothing was changed."
            ) from error

    def _rebuild(self, nouns: list[str]) -> None:
        rebuild_started = timezone.now()
        for noun in nouns:
            total = KINDS[noun].pages().count()
            started = time.perf_counter()
            with tqdm(
                total=total, desc=noun, unit="doc", file=self.stderr, leave=False
            ) as bar:
                count = index_rebuild(
                    noun, progress=lambda done: bar.update(done - bar.n)
                )
            elapsed = time.perf_counter() - started
            self.stdout.write(
                f"Search index {noun}: {count} documents in {elapsed:.1f} s, "
                "alias swapped"
            )
        if set(nouns) == set(KINDS):
            # Every index now holds the database as it was when the rebuild began.
            pending_updates_discard(queued_before=rebuild_started)

    def _check(self, nouns: list[str], *, repair: bool) -> None:
        drifted = False
        for noun in nouns:
            drift = index_check(noun)
            self.stdout.write(
                f"Search index {noun}: {len(drift.missing)} missing, "
                f"{len(drift.stale)} out of date, {len(drift.extra)} left over"
            )
            if drift and repair:
                self.stdout.write(f"  repaired {index_repair(drift)} documents")
            drifted = drifted or bool(drift)
        if drifted and not repair:
            raise CommandError(
                "The index differs from the database: run with --repair to fix it."
            )
