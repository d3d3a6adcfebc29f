import Foundation
import InfraCLI

exit(await ToolRunner.main(LoadBalancerTool.spec))
