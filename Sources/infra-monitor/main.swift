import Foundation
import InfraCLI

exit(await ToolRunner.main(MonitorTool.spec))
