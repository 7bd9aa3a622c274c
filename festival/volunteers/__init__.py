"""Festival volunteers: signing up for shifts without an account, and coordinating them."""
