using CollabEdit.Cli;

return MergeCommand.Run(args, Console.OpenStandardOutput(), Console.Error);
