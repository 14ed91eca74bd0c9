import { render } from 'preact';
import { ArenaClient } from '@policy-arena/sdk';

const client = new ArenaClient({ baseUrl: location.origin });
render(<h1>hello {client.baseUrl}</h1>, document.getElementById('app')!);
