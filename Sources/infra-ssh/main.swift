import Foundation
import InfraCLI

exit(await ToolRunner.main(SSHTool.spec))
