"""Times stated in an article, resolved against its publication time (the `times` component)."""

from corroborate.analyze.times.component import extract_times, pick_event_time, times

__all__ = ["extract_times", "pick_event_time", "times"]
