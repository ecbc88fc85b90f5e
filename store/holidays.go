package store

import (
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"motcua/workday"
)

// YearTable returns the admin's table of days off for a year, if any.
func (db *DB) YearTable(year int) (workday.YearTable, bool, error) {
	var t workday.YearTable
	var found bool
	err := db.bolt.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketHolidays).Get([]byte(strconv.Itoa(year)))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &t)
	})
	return t, found, err
}

// SaveYearTable validates and stores a year table (replacing the built-in
// notice for that year) with an audit entry, in one transaction.
func (db *DB) SaveYearTable(t workday.YearTable, a Audit) error {
	if err := t.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketHolidays).Put([]byte(strconv.Itoa(t.Year)), b); err != nil {
			return err
		}
		a.Action = "calendar.year-table"
		a.Object = strconv.Itoa(t.Year)
		if a.Detail == "" {
			a.Detail = fmt.Sprintf("%d days", len(t.Days))
		}
		_, err := appendEntry(tx, now, newEntry{audit: a})
		return err
	})
}

// DeleteYearTable removes an override (the built-in notice applies again).
func (db *DB) DeleteYearTable(year int, a Audit) error {
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketHolidays).Delete([]byte(strconv.Itoa(year))); err != nil {
			return err
		}
		a.Action = "calendar.year-table-removed"
		a.Object = strconv.Itoa(year)
		_, err := appendEntry(tx, now, newEntry{audit: a})
		return err
	})
}

// YearTables returns every stored override.
func (db *DB) YearTables() ([]workday.YearTable, error) {
	var out []workday.YearTable
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketHolidays).ForEach(func(k, v []byte) error {
			var t workday.YearTable
			if err := json.Unmarshal(v, &t); err != nil {
				return fmt.Errorf("year table %s: %w", k, err)
			}
			out = append(out, t)
			return nil
		})
	})
	return out, err
}

// Calendar builds the working-day calendar: built-in notices and rules,
// with the admin's year tables replacing them.
func (db *DB) Calendar() (*workday.Calendar, error) {
	ts, err := db.YearTables()
	if err != nil {
		return nil, err
	}
	return workday.New(ts...)
}
