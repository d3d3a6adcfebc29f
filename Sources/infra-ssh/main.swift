import Foundation
import InfraCLI

exit(Placeholder.run("infra-ssh"))
