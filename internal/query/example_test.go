package query_test

import (
	"fmt"

	"github.com/broadsheet/broadsheet/internal/dataset"
	"github.com/broadsheet/broadsheet/internal/query"
)

func ExampleRun() {
	bank := dataset.NewColumn("bank", dataset.String, 4)
	typ := dataset.NewColumn("type", dataset.String, 4)
	followers := dataset.NewColumn("followers", dataset.Int, 4)
	for _, r := range []struct {
		bank, typ string
		followers any
	}{{"招商银行", "总行", 2150000}, {"北京分行", "分行", 50000}, {"工商银行", "总行", 1800000}, {"平安银行", "总行", nil}} {
		bank.Append(r.bank)
		typ.Append(r.typ)
		followers.Append(r.followers)
	}
	t := &dataset.Table{Name: "accounts", Columns: []*dataset.Column{bank, typ, followers}}

	out, err := query.Run(t, query.Spec{
		Where:   "type == '总行'",
		Compute: map[string]string{"万": "followers / 10000"},
		Sort:    []string{"-followers"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range out.Len() {
		wan := out.Column("万")
		v := wan.Text(i)
		if wan.IsNull(i) {
			v = "null"
		}
		fmt.Println(out.Column("bank").Text(i), v)
	}

	_, err = query.Run(t, query.Spec{Where: "type = '总行'", Sort: []string{"-folowers"}})
	fmt.Println(err)
	// Output:
	// 招商银行 215
	// 工商银行 180
	// 平安银行 null
	// where: cannot compile "type = '总行'": unexpected token Operator("=") (1:6) (compare with == , combine with && and ||)
	// sort: no column "folowers" (did you mean "followers"?)
}

func ExampleRank() {
	score := dataset.NewColumn("score", dataset.Int, 4)
	for _, v := range []int{70, 90, 70, 50} {
		score.Append(v)
	}
	ranks, _ := query.Rank(&dataset.Table{Columns: []*dataset.Column{score}}, []string{"-score"})
	fmt.Println(ranks)
	// Output: [2 1 2 4]
}
