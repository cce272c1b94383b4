"""Complaint register, annual report tables and a Dutch complaint classifier for a social service.

Packages, lowest layer first: `fouten`, `vocabulaire` and `bestanden` (shared by all),
`privacy`, `register`, `jaarverslag`, `annotaties`, `classificatie`, `beoordelen`, and the two
edges `cli` and `web`. A package imports only from layers below it.
"""
