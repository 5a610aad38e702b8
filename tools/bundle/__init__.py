"""The logic behind build.spec, as plain functions the spec calls and tests/bundle/ checks.

build.spec declares what the packaged app is made of (resource patterns, Qt modules and plugins kept,
libraries taken from the system, executables); these modules compute the lists PyInstaller's
`Analysis`, `EXE` and `COLLECT` get:

  inputs.py     the version, resource and Qt translation datas, the Python modules excluded
  libraries.py  the shared-library graph: direct dependencies (readelf), what is still reachable
  trim.py       from PyInstaller's analysis to what ships: plugins, system libraries, translations,
                dangling symbolic links, the trimmed ICU data
  icu.py        a smaller copy of ICU's data library (English and Chinese only)
  windows.py    the version resource of the Windows executables

Entries are PyInstaller's TOC tuples: (name in the bundle, source path, typecode).
"""
