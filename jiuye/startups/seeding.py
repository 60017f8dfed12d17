"""Demo and benchmark data of this line of work (see ``jiuye.core.seeding``)."""


def seed(context) -> None:
    """Create what is missing, deterministically (``context.rng(...)``)."""
