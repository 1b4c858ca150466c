"""Writes for children and their episodes."""

from __future__ import annotations

from openyj.core.services import record_create, record_update
from openyj.people.models import Child, Episode


def child_create(*, user, service, data: dict) -> Child:
    return record_create(user=user, service=service, model=Child, data=data, summary="Added child")


def child_update(*, user, child: Child, data: dict) -> Child:
    return record_update(user=user, instance=child, data=data, summary="Changed child's details")


def episode_record(*, user, child: Child, data: dict) -> Episode:
    return record_create(user=user, service=child.service, model=Episode, data={"child": child, **data},
                         summary="Recorded episode")


def episode_update(*, user, episode: Episode, data: dict) -> Episode:
    return record_update(user=user, instance=episode, data=data, summary="Changed episode")
