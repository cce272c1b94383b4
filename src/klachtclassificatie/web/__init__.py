"""The local web app for the complaints coordinator: Dutch server-rendered pages over the library.

`maak_app` (in `app`) builds the app; `commando` holds the `klachten web` and
`klachten register termijnen` commands. Nothing heavy is imported here, so that the command line
stays quick.
"""
