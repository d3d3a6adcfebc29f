import Foundation
import InfraCLI

exit(Placeholder.run("acme-cloudns-hook"))
