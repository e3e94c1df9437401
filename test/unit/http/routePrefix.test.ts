import { readRoutePrefix } from '../../../devhost/hostJson';
import { SERVER_URL } from '../../../shared/http/openapiPath';
import { ROUTE_PREFIX } from '../../../shared/http/routePrefix';

describe('ROUTE_PREFIX', () => {
  test('is the route prefix host.json gives the Functions host', () => {
    expect(ROUTE_PREFIX).toBe(readRoutePrefix());
  });

  test('is the server URL of the OpenAPI document', () => {
    expect(SERVER_URL).toBe(`/${readRoutePrefix()}`);
  });
});
