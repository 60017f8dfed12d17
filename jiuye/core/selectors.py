from django.apps import apps

from jiuye.core.models import WorkflowModel


def workflow_models() -> list[type[WorkflowModel]]:
    return [model for model in apps.get_models() if issubclass(model, WorkflowModel)]


def worklist(user, *, limit: int = 50) -> list[WorkflowModel]:
    """Open workflow items in the user's jurisdiction whose current step the user can act on,
    soonest deadline first. One query per process."""
    items = []
    for model in workflow_models():
        states = {
            state
            for transition in model.workflow.transitions
            if user.has_perm(transition.permission)
            for state in transition.sources
        }
        if states:
            queryset = model.objects.visible_to(user).open().filter(state__in=states)
            items.extend(queryset.select_related("region").order_by("due_on", "pk")[:limit])
    items.sort(key=lambda item: item.due_on)
    return items[:limit]
