"""Close the tie-survey waves whose closing date has passed, so their scores are kept.

A wave stops taking answers on its closing date by itself; closing it computes and stores its
index for the portfolio. Run this daily (cron or a systemd timer) beside `db_worker`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from netvaerk.evaluation.surveys.models import TieWave
from netvaerk.evaluation.surveys.services import wave_close


class Command(BaseCommand):
    help = "Close tie-survey waves whose closing date has passed and store their scores."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = TieWave.objects.filter(
            closed_at=None, closes_on__lt=timezone.localdate()
        ).select_related("survey__network")
        closed = 0
        for wave in expired:
            wave_close(wave=wave, by=None)
            closed += 1
        self.stdout.write(f"Closed {closed} expired wave(s).")
