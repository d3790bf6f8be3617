import { buildCreateConnectionBody } from '../../../../nodes/shared/resources/baseConnection/body';
import { checkCreateConnection } from '../../../../nodes/shared/resources/baseConnection/validation';

const base = {
	hosting: 'azure',
	name: 'AWS-redshift base connection',
	description: 'base connection for AWS-redshift',
	server: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
	port: 5439,
	username: 'awsuser',
	password: 'pa"ss\\word',
	database: 'dev',
	schema: 'public',
};

describe('buildCreateConnectionBody', () => {
	it("builds Adobe's Azure body: port as a string, no schema", () => {
		expect(buildCreateConnectionBody(checkCreateConnection(base))).toEqual({
			name: 'AWS-redshift base connection',
			description: 'base connection for AWS-redshift',
			auth: {
				specName: 'Basic Authentication',
				params: {
					server: base.server,
					port: '5439',
					username: 'awsuser',
					password: 'pa"ss\\word',
					database: 'dev',
				},
			},
			connectionSpec: { id: '3416976c-a9ca-4bba-901a-1f08f66978ff', version: '1.0' },
		});
	});

	it('adds the schema for Experience Platform on AWS', () => {
		const body = buildCreateConnectionBody(checkCreateConnection({ ...base, hosting: 'aws' }));
		expect(body.auth.params).toEqual({
			server: base.server,
			port: '5439',
			username: 'awsuser',
			password: 'pa"ss\\word',
			database: 'dev',
			schema: 'public',
		});
	});

	it('omits an empty description', () => {
		expect(
			buildCreateConnectionBody(checkCreateConnection({ ...base, description: '  ' })),
		).not.toHaveProperty('description');
	});

	it('round-trips quotes, backslashes, newlines and unicode through JSON', () => {
		const tricky = {
			...base,
			name: 'Zoë "quoted" \\ back\\slash 日本語 🚀',
			description: 'line one\nline two\ttabbed "q" \\',
			password: ' p"a\\s\'s{}[]:, 🔑 ',
			username: 'user_ä',
		};
		const body = buildCreateConnectionBody(checkCreateConnection(tricky));
		const parsed = JSON.parse(JSON.stringify(body));
		expect(parsed).toEqual(body);
		expect(parsed.name).toBe(tricky.name);
		expect(parsed.description).toBe(tricky.description);
		expect(parsed.auth.params.password).toBe(tricky.password);
		expect(parsed.auth.params.username).toBe('user_ä');
	});
});
