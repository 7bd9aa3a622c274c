"""The floor under every app (docs/architecture.md): it imports none of ours."""
