"""The pages of the settings dialog (see desktop.ui.settings_dialog)."""
