import Foundation
import InfraCLI

exit(await ToolRunner.main(StatusTool.spec))
