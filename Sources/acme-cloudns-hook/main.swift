import Foundation
import InfraCLI

exit(await ToolRunner.main(ACMEHookTool.spec))
