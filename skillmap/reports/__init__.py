"""Report writers: gap, development and training reports as xlsx, PDF and CSV, from plain report data.

No database and no Qt: :mod:`skillmap.services.reports` gathers the data (pseudonymised unless the user asks for
the full version), these modules lay it out. Charts come from :mod:`skillmap.charts`, the same functions as the
app's.
"""
