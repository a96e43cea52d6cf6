from typing import Any

from django.core.management.base import BaseCommand

from netvaerk.core.demo import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo data (DESIGN.md §9) once, then print the demo sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        if load_demo():
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data is already loaded; nothing changed.")
        self.stdout.write(f"\nDemo sign-ins (password “{DEMO_PASSWORD}” for all):")
        for username, description in DEMO_USERS:
            self.stdout.write(f"  {username:<16} {description}")
