"""``jiuye COMMAND`` (or ``python -m jiuye COMMAND``): manage.py of an installed jiuye, as the
services and script/install-offline run it."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiuye.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
