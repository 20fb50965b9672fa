package store

// rssTrimEvery is how many bytes a long read passes between two calls
// of trimTables: often enough that the database's mapped tables never
// hold more than this in the resident set, seldom enough that reading
// /proc/self/maps costs nothing measurable.
const rssTrimEvery = 32 << 20

// rssTrim counts the bytes one long read has passed and trims the
// mapped tables every rssTrimEvery of them.
type rssTrim struct{ n int }

func (t *rssTrim) add(n int) {
	t.n += n
	if t.n >= rssTrimEvery {
		t.n = 0
		trimTables()
	}
}
