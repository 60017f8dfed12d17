from django.contrib.auth.backends import ModelBackend

from jiuye.staff.roles import PERMISSIONS, permissions_of


class RoleBackend(ModelBackend):
    """Password login as usual; permissions come from the user's roles (``staff.roles``)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return frozenset()
        if user_obj.is_superuser:
            return frozenset(PERMISSIONS)
        if not hasattr(user_obj, "_role_perm_cache"):
            user_obj._role_perm_cache = permissions_of(user_obj.role_codes)
        return user_obj._role_perm_cache

    def get_user_permissions(self, user_obj, obj=None):
        return self.get_all_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        return frozenset()

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)
