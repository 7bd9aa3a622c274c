"""``make bench``: the site's figures beside their references, measured in the same run."""
