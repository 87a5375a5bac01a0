package site

import "testing"

func TestEntityPath(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"微众银行", "accounts/微众银行/"},
		{"WeBank_2", "accounts/WeBank_2/"},
		{"Bank of Camden", "accounts/Bank-of-Camden-b5d26505/"},
		{"a <b> & c", "accounts/a-b-c-2c806702/"},
		{"../../etc", "accounts/etc-74ccf3c5/"},
		{"///", "accounts/732c4e97/"},
	} {
		if got := EntityPath("accounts", tc.key); got != tc.want {
			t.Errorf("EntityPath(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
	if EntityPath("x", "A B") == EntityPath("x", "A-B") {
		t.Error("two keys share a path")
	}
}
