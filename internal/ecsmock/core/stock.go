package core

// Stock is what a zone can still sell: by default everything is in stock,
// and tests mark a type sold out in one zone, or in every zone with "*".

// stockKey scopes a zone and type to their cloud.
func stockKey(p Profile, zoneID, instanceType string) string {
	return p.scope(":") + zoneID + "|" + instanceType
}

func (st *Store) inStock(p Profile, zoneID, instanceType string) bool {
	return !st.NoStock[stockKey(p, zoneID, instanceType)] && !st.NoStock[stockKey(p, "*", instanceType)]
}

// SetStock makes a type of the cloud available or sold out in a zone ("*":
// every zone).
func (st *Store) SetStock(p Profile, zoneID, instanceType string, available bool) {
	key := stockKey(p, zoneID, instanceType)
	if available {
		delete(st.NoStock, key)
	} else {
		st.NoStock[key] = true
	}
}

// InStock reports whether the world's cloud can sell the type in the zone.
func (w *World) InStock(zoneID, instanceType string) bool {
	return w.st.inStock(w.profile, zoneID, instanceType)
}
