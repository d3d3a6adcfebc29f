import Foundation
import InfraCLI

exit(await ToolRunner.main(DNSTool.spec))
