/// Builds the node tree from events: keeps the stack of open collections, the anchors, and the
/// counters that bound alias expansion.
struct YAMLComposer {
    private struct Frame {
        enum Kind { case sequence, mapping }
        let kind: Kind
        let tag: String?
        let anchor: String?
        let mark: YAMLMark
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        /// Nodes in this collection once every alias is expanded, itself included.
        var expandedCount = 1
    }

    private struct Anchored {
        let node: YAMLNode
        let expandedCount: Int
    }

    private let limits: YAMLParser.Limits
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var writtenNodes = 0
    private var aliasAddedNodes = 0

    init(limits: YAMLParser.Limits) {
        self.limits = limits
    }

    mutating func compose(from reader: YAMLEventReader) throws(YAMLError) -> YAMLNode? {
        do throws(YAMLError) {
            guard case .streamStart = try reader.next() else { return nil }
            guard case .documentStart = try reader.next() else { return nil }
            let root = try composeDocument(from: reader)
            _ = try reader.next()  // document end
            if case .documentStart(let mark) = try reader.next() {
                throw YAMLError(
                    .multipleDocuments, at: mark,
                    problem: "a second YAML document starts here; the file must hold exactly one document")
            }
            return root
        } catch var error {
            if error.kind == .syntax, error.path.isEmpty { error.path = currentPath() }
            throw error
        }
    }

    private mutating func composeDocument(from reader: YAMLEventReader) throws(YAMLError) -> YAMLNode {
        while true {
            let finished: (node: YAMLNode, expandedCount: Int, anchor: String?)
            switch try reader.next() {
            case .scalar(let scalar, let tag, let anchor, let mark):
                writtenNodes += 1
                finished = (YAMLNode(.scalar(scalar), tag: tag, mark: mark), 1, anchor)
            case .alias(let name, let mark):
                let target = try resolveAlias(name, at: mark)
                finished = (target.node, target.expandedCount, nil)
            case .sequenceStart(let tag, let anchor, let mark):
                try open(.sequence, tag: tag, anchor: anchor, mark: mark)
                continue
            case .mappingStart(let tag, let anchor, let mark):
                try open(.mapping, tag: tag, anchor: anchor, mark: mark)
                continue
            case .sequenceEnd:
                let frame = stack.removeLast()
                let node = YAMLNode(.sequence(frame.items), tag: frame.tag, mark: frame.mark)
                finished = (node, frame.expandedCount, frame.anchor)
            case .mappingEnd:
                let frame = stack.removeLast()
                let pairs = try YAMLMappingResolver.resolve(frame.pairs, path: currentPath())
                let node = YAMLNode(.mapping(pairs), tag: frame.tag, mark: frame.mark)
                finished = (node, frame.expandedCount, frame.anchor)
            case .streamStart, .streamEnd, .documentStart, .documentEnd:
                // libyaml only sends these around a complete node; reaching one here means no root.
                return YAMLNode(.scalar(YAMLScalar("")), mark: YAMLMark(line: 1, column: 1))
            }
            if let anchor = finished.anchor {
                anchors[anchor] = Anchored(node: finished.node, expandedCount: finished.expandedCount)
            }
            if attach(finished.node, expandedCount: finished.expandedCount) { return finished.node }
        }
    }

    private mutating func open(_ kind: Frame.Kind, tag: String?, anchor: String?, mark: YAMLMark) throws(YAMLError) {
        writtenNodes += 1
        guard stack.count < limits.maxDepth else {
            throw YAMLError(
                .nestingTooDeep, at: mark, path: currentPath(),
                problem: "collections nested more than \(limits.maxDepth) levels deep")
        }
        stack.append(Frame(kind: kind, tag: tag, anchor: anchor, mark: mark))
    }

    private mutating func resolveAlias(_ name: String, at mark: YAMLMark) throws(YAMLError) -> Anchored {
        guard let target = anchors[name] else {
            if stack.contains(where: { $0.anchor == name }) {
                throw YAMLError(
                    .recursiveAlias, at: mark, path: currentPath(),
                    problem: "alias *\(name) is used inside the node that defines it (recursive structures are not supported)")
            }
            throw YAMLError(.undefinedAlias, at: mark, path: currentPath(), problem: "alias *\(name) names no anchor defined before it")
        }
        aliasAddedNodes += target.expandedCount
        let limit = max(limits.aliasExpansionFloor, limits.aliasExpansionFactor * writtenNodes)
        if aliasAddedNodes > limit {
            throw YAMLError(
                .aliasExpansionTooLarge, at: mark, path: currentPath(),
                problem: "aliases expand the document by more than \(limit) nodes at *\(name); refusing it (a \"billion laughs\"?)")
        }
        return target
    }

    /// Adds a finished node to the open collection; returns true when it is the document's root.
    private mutating func attach(_ node: YAMLNode, expandedCount: Int) -> Bool {
        guard !stack.isEmpty else { return true }
        let top = stack.count - 1
        stack[top].expandedCount += expandedCount
        switch stack[top].kind {
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            if let key = stack[top].pendingKey {
                stack[top].pairs.append(YAMLPair(key: key, value: node))
                stack[top].pendingKey = nil
            } else {
                stack[top].pendingKey = node
            }
        }
        return false
    }

    /// The key path of the position being read: each open collection contributes the key or index
    /// of the child under construction.
    private func currentPath() -> YAMLPath {
        var path = YAMLPath.root
        for frame in stack {
            switch frame.kind {
            case .sequence:
                path = path.appending(index: frame.items.count)
            case .mapping:
                if let key = frame.pendingKey { path = path.appending(key.scalar?.value ?? "?") }
            }
        }
        return path
    }
}
