"""The demo and benchmark data set: one deterministic, idempotent generator for all apps.

``manage.py seed --scale tiny|small|large [--seed N]`` runs each app's ``seeding.seed``
in the order of ``SEEDERS``. A seeder creates only what is missing, so running the command
twice changes nothing, and the same seed gives the same data.
"""

import random
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Scale:
    name: str
    prefixes: tuple[str, ...]  # region subtrees covered completely (every region staffed)
    residents: int  # about this many residents, spread over the villages of the prefixes


SCALES = {
    "tiny": Scale("tiny", ("370102", "370103"), 5_000),  # 历下区 and 市中区 of 济南市
    "small": Scale("small", ("3701",), 50_000),  # all of 济南市
    "large": Scale("large", ("37",), 1_000_000),  # the whole province
}

SEEDERS = [
    "jiuye.regions.seeding",
    "jiuye.staff.seeding",
    "jiuye.ledger.seeding",
    "jiuye.registration.seeding",
]


@dataclass
class SeedContext:
    scale: Scale
    seed: int
    log: callable

    def rng(self, *key) -> random.Random:
        """A random generator for one record, so a record does not change when others do."""
        return random.Random(f"{self.seed}:{':'.join(map(str, key))}")


def run(*, scale: str, seed: int = 1, log=print, only: list[str] | None = None) -> None:
    """Run the seeders (or those of ``only``, module names of ``SEEDERS``) at ``scale``."""
    context = SeedContext(scale=SCALES[scale], seed=seed, log=log)
    for module in SEEDERS:
        if only is None or module in only:
            import_module(module).seed(context)
