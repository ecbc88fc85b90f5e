package catalog

// Quality summarises how much of a catalog was parsed into structure. The
// import tests assert these figures on ../shared/data.
type Quality struct {
	Procedures int // all procedures
	Detailed   int // not list-only

	WithComponents int // detailed procedures with at least one component
	Components     int // components over all cases
	WithQuantities int // components with a non-zero original or copy count
	WithTemplate   int // components with a form template file name
	WithCases      int // procedures with more than one case
	PresentOnly    int // components to show, not hand in

	WithChannels  int // detailed procedures with at least one channel
	Channels      int // channels
	KnownTime     int // channels whose time unit is known (incl. "none")
	KnownFees     int // channels with fees whose amounts are all known VND
	AllKnownTimes int // procedures with channels whose times are all known
}

// Quality computes the parse-quality figures of the set.
func (s *Set) Quality() Quality {
	var q Quality
	for _, p := range s.Procedures {
		q.Procedures++
		if p.ListOnly {
			continue
		}
		q.Detailed++
		if n := p.Components(); n > 0 {
			q.WithComponents++
		}
		named := 0
		for _, c := range p.Cases {
			if c.Name != "" {
				named++
			}
			for _, comp := range c.Components {
				q.Components++
				if comp.Originals > 0 || comp.Copies > 0 {
					q.WithQuantities++
				}
				if comp.Template != "" {
					q.WithTemplate++
				}
				if !comp.MustSubmit {
					q.PresentOnly++
				}
			}
		}
		if len(p.Cases) > 1 {
			q.WithCases++
		}
		if len(p.Channels) == 0 {
			continue
		}
		q.WithChannels++
		all := true
		for _, ch := range p.Channels {
			q.Channels++
			if ch.Time.Known() {
				q.KnownTime++
			} else {
				all = false
			}
			if len(ch.Fees) > 0 {
				known := true
				for _, f := range ch.Fees {
					if f.Amount < 0 {
						known = false
					}
				}
				if known {
					q.KnownFees++
				}
			}
		}
		if all {
			q.AllKnownTimes++
		}
	}
	return q
}
