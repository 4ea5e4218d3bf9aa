"""The simulator: the real bot, talking to the Bot API emulator, shown as a phone in a browser.

`python -m bot simulate` starts the emulator, the unchanged bot as a separate process
(`python -m bot run` pointed at the emulator) and a local web page where one can act as a
stranded worker, a field officer, Dinsos staff, an admin, a partner agency or the staff group.
Nothing leaves 127.0.0.1 and every asset is served from this package.
"""
