"""The Reports page: any period of the shop's history, compared, in figures, charts and tables with CSV files."""
