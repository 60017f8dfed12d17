"""Numbers in Chinese as statistical reports print them: thousands separated by a comma every
three digits ("1,234,567"), as in English. Django's own zh_Hans formats have no separator, so
``intcomma`` printed "1234567" on Chinese pages and grouped numbers only in English. Only
these two are set; every other format is Django's."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
