"""The keyword baseline of ``hotline eval simulate``: the regular-expression flows and their item, address and
reference helpers exactly as they were at 45c0a1f, before the store-grounded understanding. A frozen copy on
purpose (the dialogue's own modules move on; a baseline that moved with them would not be one): never used by
the gateway, never edited except to keep it importing."""
