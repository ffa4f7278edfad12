package cloud

// Chunks splits items into batches of at most size, in order: the APIs
// take a bounded number of IDs per call.
func Chunks(items []string, size int) [][]string {
	var out [][]string
	for len(items) > size {
		out = append(out, items[:size])
		items = items[size:]
	}
	if len(items) > 0 {
		out = append(out, items)
	}
	return out
}
