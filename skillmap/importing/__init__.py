"""Reading HR spreadsheets as they arrive: safe file reading, column mapping, validation.

Nothing here touches the database: :mod:`skillmap.services.staff_import` turns a parsed file into a plan
(what would change) and commits it in one transaction.
"""
