"""Reads of the visit round: who is due a visit or contact, from every line of work (the
registry's ``visit_sources``), ordered by address."""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from jiuye.core.registry import Due, registry
from jiuye.ledger.models import Person

WEEK = 7  # the round looks a week ahead: today and the six days after

# "历山路5号楼2单元301室" → building "历山路5号楼"; "解放桥12号" → street "解放桥", number 12
BUILDING = re.compile(r"^(.*?(?:号楼|栋|幢|号院|[0-9一二三四五六七八九十]+组))")
NUMBER = re.compile(r"(\d+)")


def building(address: str) -> str:
    """The building, courtyard or village group (村民小组) of an address, else its street."""
    match = BUILDING.match(address)
    if match:
        return match.group(1)
    return NUMBER.split(address, maxsplit=1)[0].strip() or address


def address_key(address: str) -> tuple:
    """Natural order: 解放桥2号 before 解放桥12号."""
    return tuple(int(part) if part.isdigit() else part for part in NUMBER.split(address))


@dataclass
class Stop:
    """A person on the round and why they are due."""

    person: Person
    items: list[Due] = field(default_factory=list)

    @property
    def due_on(self) -> datetime.date:
        return min(item.due_on for item in self.items)

    @property
    def address(self) -> str:
        household = self.person.household
        return self.person.address or (household.address if household else "")

    @property
    def seen(self) -> str:
        """What the visitor saw of the records waiting (``Due.token``), posted back with the
        visit so a change made meanwhile is a conflict, not overwritten."""
        return " ".join(sorted(item.token for item in self.items))


def due_items(user, today: datetime.date, until: datetime.date, persons=None) -> list[Due]:
    """Every line of work's items due by ``until`` in the user's jurisdiction."""
    return [
        item
        for source in registry["visit_sources"].values()
        for item in source.due(user, today, until, persons)
    ]


def round_for(user, today: datetime.date, until: datetime.date) -> list[tuple[str, list[Stop]]]:
    """The round: the persons due by ``until``, grouped by village (community) and building,
    in address order, each with the items that make them due. One query per line of work,
    one for the persons."""
    by_person = defaultdict(list)
    for item in due_items(user, today, until):
        by_person[item.person_id].append(item)
    persons = Person.objects.visible_to(user).filter(pk__in=list(by_person))
    groups = defaultdict(list)
    for person in persons.select_related("region", "household"):
        stop = Stop(person, sorted(by_person[person.pk], key=lambda item: item.due_on))
        groups[(person.region_id, person.region.name, building(stop.address))].append(stop)
    ordered = []
    for key in sorted(groups, key=lambda key: (key[0], address_key(key[2]))):
        stops = sorted(groups[key], key=lambda stop: (address_key(stop.address), stop.person.name))
        label = key[2] if key[1].startswith(key[2]) else f"{key[1]} {key[2]}"
        ordered.append((label.strip(), stops))
    return ordered


def stop_for(user, person: Person, today: datetime.date) -> Stop:
    """What is due of one person this week."""
    until = today + datetime.timedelta(days=WEEK - 1)
    items = due_items(user, today, until, persons=[person.pk])
    return Stop(person, sorted(items, key=lambda item: item.due_on))
