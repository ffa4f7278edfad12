package ecsmock

import (
	"errors"
	"net/http"
	"time"
)

var volcengineLifecycle = lifecycle{creating: "CREATING", active: "ACTIVE", updating: "UPDATING", inactive: "INACTIVE", expired: "EXPIRED"}

type volcengineDialect struct{}

func newVolcengineDialect(keyring, func() time.Time) *volcengineDialect { return &volcengineDialect{} }

func (d *volcengineDialect) cloud() Cloud              { return CloudVolcengine }
func (d *volcengineDialect) claims(*http.Request) bool { return false }
func (d *volcengineDialect) authenticate(*http.Request, *exchange) (*request, *apiError) {
	return nil, newError(404, "ServiceNotFound", "not yet")
}
func (d *volcengineDialect) encode(any) map[string]any                                  { return nil }
func (d *volcengineDialect) writeResult(http.ResponseWriter, *exchange, map[string]any) {}
func (d *volcengineDialect) writeError(http.ResponseWriter, *exchange, *apiError)       {}
func (d *volcengineDialect) errThrottled() *apiError                                    { return nil }
func (d *volcengineDialect) errMalformedToken() *apiError                               { return nil }
func (d *volcengineDialect) errTokenMismatch() *apiError                                { return nil }
func (d *volcengineDialect) errInternal() *apiError                                     { return nil }

func prepareVolcengineSeed(*ReservedInstance, *world) error { return errors.New("not yet") }
func validVolcengineProjectName(string) bool                { return true }
func volcengineZone(string) (zone, bool)                    { return zone{}, false }
