"""The app's screens and dialogs: reading (with notes), library, help, contents, the
note editor and the dialog base. Screens never import each other: they ask the app
(`ReaderApp.open_article`, `ReaderApp.show_library`)."""
