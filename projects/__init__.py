"""The fifty-fifty: residents' co-produced projects, from proposal to agreement, work days,
progress and the completion report (``docs/architecture.md``, floor 4)."""
