import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../common/auth/auth.decorators';
import { openApiSchema } from '../common/schema-to-openapi';
import { ZodPipe } from '../common/validation/zod-body.pipe';
import { BootstrapService } from './bootstrap.service';

const BootstrapRequest = z.object({
  token: z.string().min(1).max(500),
  displayName: z.string().trim().min(1).max(200).default('Platform admin'),
});
type BootstrapRequest = z.infer<typeof BootstrapRequest>;

@ApiTags('admin')
@Controller('api/v1/admin')
export class AdminController {
  constructor(private readonly bootstrapService: BootstrapService) {}

  @Post('bootstrap')
  @Public()
  @HttpCode(201)
  @ApiBody({ schema: openApiSchema(BootstrapRequest) })
  bootstrap(@Body(new ZodPipe(BootstrapRequest)) body: BootstrapRequest) {
    return this.bootstrapService.bootstrap(body.token, body.displayName);
  }
}
