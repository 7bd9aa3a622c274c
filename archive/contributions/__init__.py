"""What residents send to the archive: contributions and their consent, the draft items made
from them, moderation outcomes, withdrawal and erasure, resident additions, private links.

The app label stays ``archive``: the models are registered by ``archive.models``."""
