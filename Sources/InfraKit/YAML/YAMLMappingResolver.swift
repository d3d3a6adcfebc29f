/// Finishes a mapping: rejects duplicate keys and applies merge keys (`<<`).
///
/// Merge semantics follow YAML 1.1's merge type: keys written in the mapping win over merged
/// ones, and among several merged mappings (`<<: [*a, *b]`) the earlier one wins. Merged pairs
/// take the place of the `<<` entry, so file order is kept.
enum YAMLMappingResolver {
    static func resolve(_ pairs: [YAMLPair], path: YAMLPath) throws(YAMLError) -> [YAMLPair] {
        var mergeIndices: [Int] = []
        var written = KeySet(capacity: pairs.count)
        for (index, pair) in pairs.enumerated() {
            if isMergeKey(pair.key) {
                if let first = mergeIndices.first {
                    throw duplicate("<<", at: pair.key.mark, firstAt: pairs[first].key.mark, path: path)
                }
                mergeIndices.append(index)
                continue
            }
            guard let key = pair.key.scalar?.value else { continue }
            if let first = written.insert(key, mark: pair.key.mark) {
                throw duplicate(key, at: pair.key.mark, firstAt: first, path: path)
            }
        }
        guard let mergeIndex = mergeIndices.first else { return pairs }

        var merged: [YAMLPair] = []
        var mergedKeys = KeySet(capacity: 8)
        for source in try mergeSources(pairs[mergeIndex].value, path: path.appending("<<")) {
            for pair in source {
                if let key = pair.key.scalar?.value {
                    if written.contains(key) || mergedKeys.insert(key, mark: pair.key.mark) != nil { continue }
                }
                merged.append(pair)
            }
        }
        var result = pairs
        result.replaceSubrange(mergeIndex...mergeIndex, with: merged)
        return result
    }

    private static func isMergeKey(_ key: YAMLNode) -> Bool {
        guard let scalar = key.scalar, scalar.value == "<<", scalar.style == .plain else { return false }
        return key.tag == nil || key.tag == YAMLTag.merge
    }

    private static func mergeSources(_ value: YAMLNode, path: YAMLPath) throws(YAMLError) -> [[YAMLPair]] {
        switch value.content {
        case .mapping(let pairs):
            return [pairs]
        case .sequence(let items):
            var sources: [[YAMLPair]] = []
            for (index, item) in items.enumerated() {
                guard let pairs = item.mapping else {
                    throw YAMLError(
                        .invalidMerge, at: item.mark, path: path.appending(index: index),
                        problem: "a merge key (<<) list may hold only mappings")
                }
                sources.append(pairs)
            }
            return sources
        case .scalar:
            throw YAMLError(
                .invalidMerge, at: value.mark, path: path,
                problem: "a merge key (<<) expects a mapping or a list of mappings, got a scalar")
        }
    }

    private static func duplicate(_ key: String, at mark: YAMLMark, firstAt first: YAMLMark, path: YAMLPath) -> YAMLError {
        YAMLError(.duplicateKey, at: mark, path: path.appending(key), problem: "duplicate key (first defined at \(first))")
    }
}

/// Remembers keys and where they were first seen; a linear scan for the usual handful of keys,
/// a dictionary once a mapping grows (a `hosts:` section with thousands of hosts).
private struct KeySet {
    private var small: [(key: String, mark: YAMLMark)] = []
    private var large: [String: YAMLMark]?

    init(capacity: Int) {
        if capacity > 16 { large = Dictionary(minimumCapacity: capacity) }
    }

    /// Inserts the key; returns the mark of the earlier occurrence when it was already there.
    mutating func insert(_ key: String, mark: YAMLMark) -> YAMLMark? {
        if large != nil {
            if let first = large![key] { return first }
            large![key] = mark
            return nil
        }
        if let first = small.first(where: { $0.key == key }) { return first.mark }
        small.append((key, mark))
        return nil
    }

    func contains(_ key: String) -> Bool {
        if let large { return large[key] != nil }
        return small.contains { $0.key == key }
    }
}
