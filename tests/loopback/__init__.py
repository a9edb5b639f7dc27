"""A loopback stand-in for OpenAI and Replicate: a real HTTP server speaking their wire formats."""
