from jiuye.regions.codes import CODE_PATTERN


class RegionCodeConverter:
    """A 12-digit region code in a URL; anything else does not match (404)."""

    regex = CODE_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
