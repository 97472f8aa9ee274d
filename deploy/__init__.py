"""Running several workers behind one address: the proxy's configuration, and all of it locally (`make cluster`)."""
