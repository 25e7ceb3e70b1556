"""What the loading commands of every app share: the summary they print at the end."""

from dataclasses import dataclass, field


@dataclass
class LoadSummary:
    """What a loading command did, printed at its end and asserted by tests."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        # Operator output, in English like Django's own commands.
        counts = (self.created, self.updated, self.unchanged)
        return "{} created, {} updated, {} unchanged".format(*counts)

    def upsert(self, model, *, lookup: dict, values: dict):
        """Create or update the row matching ``lookup`` and count which it was."""
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            self.created += 1
            return model.objects.create(**lookup, **values)
        if any(getattr(instance, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(instance, name, value)
            instance.save()
            self.updated += 1
        else:
            self.unchanged += 1
        return instance
