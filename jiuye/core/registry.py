"""The registry: the extension points that lines of work plug into, one store each.

Modelled on NetBox's ``registry``: a fixed set of named stores that each app fills in its
``AppConfig.ready()``, in the order of ``INSTALLED_APPS``. Once Django's app registry is ready
the stores refuse changes, so what a page, a report or a nightly job reads is what start-up
declared. A new line of work is its own app plus one line in ``INSTALLED_APPS``; its
``ready()`` calls ``register`` for what it brings (see docs/architecture.md, "The registry").
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.apps import apps


def _check_open(store: str) -> None:
    if apps.ready:
        raise RuntimeError(f"the registry is read-only after start-up ({store})")


class Store:
    """The items of one extension point, in the order they were registered."""

    def __init__(self, name: str, description: str):
        self.name, self.description = name, description
        self._items: list = []

    def add(self, item) -> None:
        _check_open(self.name)
        self._items.append(item)

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)


class KeyedStore(Mapping):
    """Named items of one extension point (a subsidy kind by its code), in the order they
    were registered; a name registered twice is refused. ``key`` names the attribute of an
    item that is its name; without it, ``add`` is given the name."""

    def __init__(self, name: str, description: str, key: str | None = None):
        self.name, self.description, self.key = name, description, key
        self._items: dict = {}

    def add(self, item, name=None) -> None:
        _check_open(self.name)
        name = getattr(item, self.key) if name is None else name
        if name in self._items:
            raise ValueError(f"{self.name}: {name!r} is registered twice")
        self._items[name] = item

    def __getitem__(self, name):
        return self._items[name]

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)


STORES = (
    Store("menu", "sections of the left menu (core.navigation.Section), shown by their order"),
    KeyedStore("permissions", "permission name → the roles that hold it (staff.roles)"),
    KeyedStore("parameters", "policy parameters and their defaults (core.parameters)", "key"),
    Store("home_panels", "panel(user, today) → (template, context) or None, beside the work list"),
    Store("household_handlers", "handler(household_ids=, actor=) after a household's make-up or a member's status changed"),
    Store("transfer_handlers", "handler(person=, on=, actor=) when a resident moves; may refuse"),
    Store("contracts", "source(persons, since) → the labour contracts of those persons begun on or after since (Contract)"),
    Store("status_handlers", "handler(person=, record=, actor=) after a resident's labour status changed (record: the new period)"),
    Store("registration_ended", "handler(registration=, actor=) after an unemployment registration ended (deregistered), for any reason"),
    KeyedStore("visit_sources", "who is due a visit or contact in a line of work, and what a visit records there (core.registry.VisitSource)", "code"),
    Store("contact_sources", "source(person) → a Subquery of the latest day a line of work served or contacted the person (OuterRef)"),
    KeyedStore("subsidy_kinds", "kinds of subsidy and their rules (subsidies.kinds.SubsidyKind)", "code"),
    KeyedStore("indicators", "figures for a region and a period (core.indicators.Indicator)", "code"),
    KeyedStore("nightly_checks", "checks run every night, in order (core.registry.Task)", "name"),
    KeyedStore("work", "what each worker records themselves, counted for their post's targets and assessment (core.registry.Work)", "code"),
    KeyedStore("seeders", "demo-data seeders, in order (core.registry.Task)", "name"),
    KeyedStore("books", "the prescribed ledger books of a region on a date (books.registry.Book)", "code"),
    KeyedStore("urls", "an app's pages under a path and its API routes (core.registry.Urls)", "prefix"),
)  # fmt: skip
registry: dict[str, Store | KeyedStore] = {store.name: store for store in STORES}


@dataclass(frozen=True)
class Task:
    """A nightly check or a seeder: ``run`` is called with the arguments of its store."""

    name: str
    label: str
    run: Callable


@dataclass(frozen=True)
class Contract:
    """A labour contract a line of work recorded (a hire through a referral, a public-welfare
    post, an employment registration): whose, from when, for how many months, which office
    placed the person (a region code) and the record itself."""

    person_id: int
    start: object  # datetime.date
    months: int
    placed_by: str
    source: object


@dataclass(frozen=True)
class Work:
    """What a worker records themselves in one line of work (援助服务, a flexible worker's
    check, a referral that led to a hire): ``count(user_ids, first, last)`` → ``{user_id: n}``
    for the days ``first`` to ``last``. ``indicator`` is the office's registered indicator it
    is a worker's part of (a post's share of the office's target is counted by it); ``visit``
    whether it is a contact with the person served (勤: 走访服务对象)."""

    code: str
    label: str
    indicator: str
    count: Callable
    visit: bool = False


@dataclass(frozen=True)
class Due:
    """Why a resident is due a visit or contact in one line of work (走访): ``record`` is the
    record waiting on it, ``due_on`` the day it falls due, ``version`` what the visitor saw of
    it (it changes when the record changes, so a visit prepared offline is checked against it)."""

    person_id: int
    source: str
    reason: str
    due_on: object  # datetime.date
    record: object
    version: str

    @property
    def token(self) -> str:
        return f"{self.source}:{self.record.pk}:{self.version}"


@dataclass(frozen=True)
class VisitSource:
    """A line of work on the coordinator's visit round: ``due(user, today, until, persons=None)``
    → the ``Due`` items of the user's jurisdiction falling due by ``until`` (one or two queries,
    whatever their number; ``persons`` narrows to those ids); ``record(actor=, visit=, items=)``
    records a visit that met the person as the contact or service those items wait on, through
    the line's own services (in the visit's transaction). ``record`` may be None: the visit
    itself is then what the line waits on (it counts as a contact, ``contact_sources``)."""

    code: str
    label: str
    due: Callable
    record: Callable | None = None


@dataclass(frozen=True)
class Urls:
    """An app's pages under ``prefix`` (its URL module ``pages``) and, if it has an API, its
    ``api`` module: ``routes(router)`` adds its viewsets, ``urlpatterns`` any other paths."""

    prefix: str
    pages: str
    api: str = ""


def register(store: str, *items) -> None:
    """Add ``items`` to a store; called from an app's ``ready()``."""
    for item in items:
        registry[store].add(item)


def register_permissions(permissions: dict) -> None:
    """Declare which roles hold each of an app's permissions (``staff.roles``)."""
    for name, roles in permissions.items():
        registry["permissions"].add(frozenset(roles), name)
